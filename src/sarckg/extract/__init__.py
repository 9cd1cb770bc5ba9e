"""Sentences to typed statements with evidence; one module per kind of extractor."""
