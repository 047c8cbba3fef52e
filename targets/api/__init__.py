"""The REST API (Django REST Framework)."""
