"""Server-rendered pages for translational teams."""
