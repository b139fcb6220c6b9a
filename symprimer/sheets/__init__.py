"""Worked-answer sheets: a YAML spec -> per-student variants -> verified derivations ->
question and solution LaTeX (exam, handout, beamer) -> PDF.

``spec.read_spec`` validates a spec; ``build.build_sheets`` does the rest.  Modules:
``yamlsafe`` (safe YAML with line numbers), ``questions``/``options`` (one question's fields),
``randomdraw`` (nice random matrices), ``variants`` (seeded derive calls), ``parallel``
(budgeted worker processes), ``answers``/``numeric_kinds`` (derive and render one question),
``folding`` (a later question refers back to working an earlier one shows), ``document`` (the document values and templates), ``pdf`` (latexmk, locked down).
"""
