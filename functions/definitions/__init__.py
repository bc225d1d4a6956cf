"""The clinical functions of medlex, one module per publication."""
