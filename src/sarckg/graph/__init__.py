"""sarckg.graph stage."""
