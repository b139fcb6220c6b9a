"""Running work in budgeted child processes, once: the worker pool every batch uses, and clean interrupts."""
