"""Does a fine-tuned encoder help the techniques model? One cross-validation fold, both encoders.

An experiment, not the shipped model's benchmark (that is `benchmarks/techniques.py`). On one
fold of the same story-split cross-validation, the encoder is fine-tuned as a word-piece
technique tagger on the fold's fitting articles only (`spinscope.training.finetune`); then the
techniques heads are fitted, their settings chosen and the fold reported exactly as
`cross_validate` does, once over the shipped frozen encoder and once over the fine-tuned one.
The selection part and the reported fold are never seen by the fine-tuning.

Run it from the repository root, with the training extra installed. On 2 cores it takes about
an hour and a half per epoch of fine-tuning and half an hour per encoder for the heads:

    python benchmarks/techniques_finetune.py --fold 0 --epochs 1

``--cache FILE`` keeps the articles encoded by the shipped encoder in FILE (about 4 GB) and
reuses them on the next run.
"""

from __future__ import annotations

import argparse
import pickle
import tempfile
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc-semeval2020-task11"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the PTC folder")
    parser.add_argument("--fold", type=int, default=0, help="the fold to report (0-based, of 5)")
    parser.add_argument("--epochs", type=int, default=1, help="fine-tuning epochs")
    parser.add_argument("--work", type=Path, help="where the fine-tuned weights go (default: a temporary folder)")
    parser.add_argument("--cache", type=Path, help="keep the encoded articles in this file and reuse them")
    args = parser.parse_args()

    from spinscope.eval.ptc import load_ptc
    from spinscope.models.encoder import ENCODER_DIR, load_encoder
    from spinscope.training.finetune import FineTuneSettings, fine_tune_encoder, reencoded
    from spinscope.training.techniques import (
        TrainSettings,
        cross_validate,
        fold_parts,
        prepare_articles,
        story_groups,
    )

    if args.cache and args.cache.exists():
        prepared = pickle.loads(args.cache.read_bytes())
    else:
        articles = load_ptc(args.corpus / "train-articles", args.corpus / "train-task2-TC.labels")
        prepared = prepare_articles(articles, progress=_progress)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(prepared, protocol=5))
    settings = TrainSettings()
    fit, select, held = fold_parts(story_groups(prepared, settings.story_similarity), settings, args.fold)
    print(f"fold {args.fold}: fine-tuning and fitting on {len(fit)} articles, choosing on {len(select)}, ", end="")
    print(f"reporting on {len(held)}")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        tuning = FineTuneSettings(epochs=args.epochs)
        folder = fine_tune_encoder([prepared[index] for index in fit], work, settings=tuning)
        tuned_encoder = load_encoder(folder)
        tuned = reencoded(prepared, tuned_encoder)
    rows = []
    for name, items, encoder in (
        ("shipped (frozen) encoder", prepared, load_encoder(ENCODER_DIR)),
        (f"fine-tuned encoder ({args.epochs} epoch{'s' if args.epochs > 1 else ''})", tuned, tuned_encoder),
    ):
        result = cross_validate(items, settings=settings, encoder=encoder, only=[args.fold])
        shown = result.shown
        rows.append(
            f"| {name} | {result.si.precision:.4f} | {result.si.recall:.4f} | {result.si.f1:.4f} "
            f"| {result.tc.micro_f1:.4f} | {shown.precision if shown else 0:.4f} ({shown.predicted if shown else 0}) "
            f"| {result.operating_points[0]:.3f} |"
        )
    print(f"\n## Fold {args.fold}: SI of every span reported, TC on the gold spans")
    print("| encoder | SI precision | SI recall | SI F1 | TC micro-F1 | precision shown (spans) | operating point |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))


def _progress(step: str, done: int, total: int) -> None:
    if done % 25 == 0 or done == total:
        print(f"{step}: {done}/{total}", flush=True)


if __name__ == "__main__":
    main()
