"""Tests of the per-article analysis stages."""
