"""The bottom layer: the data model, the intermediate document, errors, the reading vocabulary,
settings, hashing, input safety checks and process isolation. Imports nothing of govguide's
other layers."""
