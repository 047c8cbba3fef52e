"""The scoring code's version, recorded on every ranking (its own module, so the engine need not import the
package that imports the engine)."""

__version__ = "2.1.0"
