"""sarckg.assemble stage."""
