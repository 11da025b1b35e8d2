"""sitegen: builds Jekyll sites unchanged, plus what an ML blog needs."""

__version__ = "0.1.0"
