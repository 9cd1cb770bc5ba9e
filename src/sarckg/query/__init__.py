"""sarckg.query stage."""
