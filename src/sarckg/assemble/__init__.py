"""sarckg.assemble stage: ``study_identity.resolve_study_identity`` (a trial's name and NCT
number are one study), then ``merge.merge_statements`` (one assertion per fact, contradictions
linked)."""
