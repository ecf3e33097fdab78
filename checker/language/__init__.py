"""The language of reports: figures (quantities), what they are about (claims), and whole-word term matching (terms, segmenter, dictionary)."""
