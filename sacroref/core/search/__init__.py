"""Search: one engine for any amount of content: code prefixes, words, Device Key terms, synonyms.

Codes are numbered in sorted order, a set of codes is a Python int used as a bit set, and
every query is a few bisects plus big-int AND/OR, whatever the amount of content. The index
is built from table rows and axis labels, so no code has to be titled to be found.
"""
