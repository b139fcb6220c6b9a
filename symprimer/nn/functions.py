"""Neural-network functions the plain parser may name (sigmoid, relu, ...).

Filled by the activation catalogue; kept separate so the parser's whitelist stays one table.
"""
from types import MappingProxyType

NN_FUNCTIONS = MappingProxyType({})
