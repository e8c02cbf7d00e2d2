"""Qt item models that adapt the Qt-free content core."""
