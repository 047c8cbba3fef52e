"""Sign-in protection shared by the web login and the API token endpoint."""
