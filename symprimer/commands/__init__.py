"""One module per subcommand: ``HELP``, ``add_arguments(parser)`` (light) and ``run(args)``."""
