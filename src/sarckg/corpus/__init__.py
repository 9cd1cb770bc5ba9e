"""sarckg.corpus stage."""
