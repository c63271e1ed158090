import getpass


def command_line_actor() -> str:
    """Who ran a command, for the personal data log: the system account."""
    try:
        return f"{getpass.getuser()} (command line)"
    except OSError:
        return "unknown (command line)"
