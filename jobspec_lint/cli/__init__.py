"""The command-line interface: Typer commands that turn options into settings."""
