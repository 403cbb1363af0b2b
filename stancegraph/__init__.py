"""stancegraph: a knowledge graph of actors and the positions they take, built from text."""

from importlib.metadata import version

#: the installed distribution's version (one source: pyproject.toml)
__version__ = version("stancegraph")
