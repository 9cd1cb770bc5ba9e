"""sarckg.serve stage."""
