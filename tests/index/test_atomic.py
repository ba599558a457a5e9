import os

import pytest

from index.atomic import link_or_copy_tree, read_pointer, replacing, write_pointer


def test_pointer_round_trip(tmp_path):
    write_pointer(tmp_path / "CURRENT", "000002-x")
    assert read_pointer(tmp_path / "CURRENT") == "000002-x"


def test_pointer_replacement_leaves_no_temporary(tmp_path):
    write_pointer(tmp_path / "CURRENT", "a")
    write_pointer(tmp_path / "CURRENT", "b")
    assert os.listdir(tmp_path) == ["CURRENT"]
    assert read_pointer(tmp_path / "CURRENT") == "b"


def test_missing_pointer_reads_as_none(tmp_path):
    assert read_pointer(tmp_path / "CURRENT") is None


def test_tree_copy_shares_files_and_skips_the_named_ones(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "seg").write_bytes(b"data")
    (src / "MAIN_WRITELOCK").write_bytes(b"")
    link_or_copy_tree(src, tmp_path / "dst", skip=("MAIN_WRITELOCK",))
    assert os.listdir(tmp_path / "dst") == ["seg"]
    assert os.stat(src / "seg").st_ino == os.stat(tmp_path / "dst" / "seg").st_ino


def test_replacing_a_file_in_the_copy_leaves_the_source_alone(tmp_path):
    # What a Whoosh commit does to its TOC: write a temporary, rename it over the old name.
    src = tmp_path / "src"
    src.mkdir()
    (src / "toc").write_bytes(b"old")
    link_or_copy_tree(src, tmp_path / "dst")
    (tmp_path / "dst" / "toc.tmp").write_bytes(b"new")
    os.replace(tmp_path / "dst" / "toc.tmp", tmp_path / "dst" / "toc")
    assert (src / "toc").read_bytes() == b"old"


def test_replacing_renames_over_the_target_only_when_the_block_succeeds(tmp_path):
    target = tmp_path / "file.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with replacing(target) as f:
            f.write(b"half")
            raise RuntimeError("killed halfway")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["file.bin"]
    with replacing(target) as f:
        f.write(b"new")
    assert target.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["file.bin"]
