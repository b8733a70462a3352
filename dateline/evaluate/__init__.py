"""Scorers that measure dateline's stages against the gold formats in ../shared/data."""
