from reader.cli import main

# The guard matters: indexing uses a spawn process pool, whose workers import __main__.
if __name__ == "__main__":
    raise SystemExit(main())
