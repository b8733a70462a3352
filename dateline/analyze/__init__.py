"""Per-article analysis stages: each turns an article's text into typed, offset-carrying findings."""
