"""sarckg.viz stage."""
