"""The Django side of ranking: database rows to scoring facts, profiles, and stored runs."""
