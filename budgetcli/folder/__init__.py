"""The data folder and git revisions, in and out: listing and reading files safely, YAML read
strictly, the file models, registers, and writing a user's files atomically."""
