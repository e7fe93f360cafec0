"""The loaders: a person's files read safely, YAML with positions, the card schema, cards and BibTeX.

The first stage of the pipeline (:mod:`build_kb.pipeline`): what comes out is the model's
cards and references with the problems met reading them; nothing here checks across cards.
"""
