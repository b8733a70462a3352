"""Tests of the gold-data scorers."""
