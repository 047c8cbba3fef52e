"""The one error a bad open-data file raises: which file, which line, what is wrong."""


class UniverseFileError(ValueError):
    """A file that cannot be loaded whole; nothing is written when one is raised."""

    def __init__(self, path, line: int | None, message: str):
        self.path, self.line, self.message = str(path), line, message
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {message}")
