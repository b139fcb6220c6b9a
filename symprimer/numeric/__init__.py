"""The numeric side: derived expressions compiled to NumPy, gradient checks, optimisers, descent.

Nothing here evaluates user text: expressions arrive already parsed by ``symprimer.parse``
and are compiled with ``lambdify`` only after symprimer has built them itself.
"""
