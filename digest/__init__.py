"""digest: German news articles and newsletters in, one deduplicated email issue out."""

__version__ = "0.1.0"
