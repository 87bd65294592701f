"""The command line: thin click commands over the services. Heavy imports happen inside the
command that needs them, so ``nybureau --help`` stays near bare Python start-up."""
