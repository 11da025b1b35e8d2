"""`sitegen serve`: build, serve the output over HTTP, rebuild on every save, reload browsers."""
