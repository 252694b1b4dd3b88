"""The knowledge base as data: the model, intervals, units, periods, reading the YAML and the rules `check` proves."""
