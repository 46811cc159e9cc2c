"""Machine learning practical: run scripts from the folder that holds this package."""
DEFAULT_SEED = 123456
