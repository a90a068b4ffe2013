"""Command-line arguments of the bench generators: all positional, so an argument that starts with
'-' is a mistake (once `gen_pathological.py --help` wrote a directory named --help). Prints the
generator's docstring for -h/--help, and exits 2 on too few arguments or an option."""
import sys


def positional(doc, required, most=None):
    argv = sys.argv[1:]
    if any(arg in ("-h", "--help") for arg in argv):
        print(doc.strip())
        sys.exit(0)
    options = [arg for arg in argv if arg.startswith("-")]
    if options or len(argv) < required or (most is not None and len(argv) > most):
        problem = f"unknown option {options[0]}" if options else "wrong number of arguments"
        print(f"{sys.argv[0]}: {problem}\n\n{doc.strip()}", file=sys.stderr)
        sys.exit(2)
    return argv
