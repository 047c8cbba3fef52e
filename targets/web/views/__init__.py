"""Server-rendered pages, one module per page: views read through selectors and write through services."""
