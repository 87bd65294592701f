"""nybureau — a workflow engine for Nybureaukratisering projects in Danish municipalities.

The package is layered: ``domain`` (plain data) ← ``workflow`` (definitions and the phase
engine) ← ``services`` (use cases, one transaction each) ← ``cli``. ``persistence`` (SQLAlchemy)
and ``rendering`` sit at the edge and are handed to the services by the CLI's wiring.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
