import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.core import uploads
from unionhome.core.errors import RuleViolation

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 20
RECEIPT = uploads.Accept(kinds=(uploads.JPEG, uploads.PNG, uploads.PDF), wrong_type=("receipt_type", "类型不对"),
                         too_large=("receipt_too_large", "不能超过{mb}MB"), name_mismatch="内容与扩展名不符")


def refusal(upload, accept=uploads.PHOTO, max_bytes=1024 * 1024, **kw) -> RuleViolation:
    with pytest.raises(RuleViolation) as err:
        uploads.upload_check(upload, accept=accept, max_bytes=max_bytes, **kw)
    return err.value


@pytest.mark.parametrize("content,kind", [(JPEG, uploads.JPEG), (PNG, uploads.PNG),
                                          (b"GIF89a" + b"\x00" * 9, uploads.GIF), (WEBP, uploads.WEBP)])
def test_it_tells_the_kind_by_the_bytes_whatever_the_name_says(content, kind):
    upload = SimpleUploadedFile("photo.txt", content, content_type="text/plain")
    assert uploads.upload_check(upload, accept=uploads.PHOTO, max_bytes=1024) is kind
    assert upload.tell() == 0  # left ready to store


def test_it_refuses_a_file_named_jpg_whose_bytes_are_not_an_image():
    err = refusal(SimpleUploadedFile("holiday.jpg", b"MZ\x90\x00 an exe file", content_type="image/jpeg"))
    assert (err.code, err.message, err.field) == ("photo_not_image", "只能上传 JPG、PNG、GIF 或 WebP 图片", "file")


def test_it_refuses_a_file_over_the_limit_and_names_the_limit_in_mb():
    err = refusal(SimpleUploadedFile("big.jpg", JPEG + b"\x00" * (2 * 1024 * 1024)), max_bytes=2 * 1024 * 1024,
                  field="photos")
    assert (err.code, err.message, err.field) == ("photo_too_large", "照片不能超过 2 MB", "photos")


def test_a_file_exactly_at_the_limit_passes():
    assert uploads.upload_check(SimpleUploadedFile("a.png", PNG), accept=uploads.PHOTO, max_bytes=len(PNG))


def test_it_refuses_an_empty_file():
    err = refusal(SimpleUploadedFile("empty.jpg", b""))
    assert err.code == "upload_empty" and "空" in err.message


def test_a_name_checked_upload_needs_an_allowed_extension_before_anything_else():
    assert refusal(SimpleUploadedFile("invoice.exe", b"MZ"), accept=RECEIPT).message == "类型不对"
    assert refusal(SimpleUploadedFile("invoice", b"%PDF-1.4"), accept=RECEIPT).message == "类型不对"


def test_a_name_checked_upload_must_have_the_bytes_its_extension_claims():
    err = refusal(SimpleUploadedFile("invoice.png", JPEG), accept=RECEIPT)
    assert (err.code, err.message) == ("receipt_type", "内容与扩展名不符")
    assert refusal(SimpleUploadedFile("invoice.pdf", b"<html>"), accept=RECEIPT).message == "内容与扩展名不符"
    upload = SimpleUploadedFile("扫描.JPEG", JPEG)
    assert uploads.upload_check(upload, accept=RECEIPT, max_bytes=1024) is uploads.JPEG


class FileSlot:
    """Stands for a model's file field: saves through the default storage, as FieldFile.save does."""

    name = ""

    def save(self, name, content, save=True):
        from django.core.files.storage import default_storage

        assert save is False  # the caller saves the row
        self.name = default_storage.save(name, content)


def test_a_stored_upload_gets_a_generated_name_with_the_kind_of_its_bytes(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    png = _image("PNG")
    upload = SimpleUploadedFile("../../etc/我的 照片.jpeg", png)
    upload.read(3)  # a check elsewhere may have read it: it is stored from the start
    name = uploads.upload_store(FileSlot(), upload, uploads.PNG)
    assert name.endswith(".png") and len(name) == 36
    assert (tmp_path / name).read_bytes() == uploads.image_reencoded(SimpleUploadedFile("p", png), uploads.PNG)


@pytest.mark.parametrize("filename,ext", [("x.PNG", "png"), ("noext", "bin"), ("a.php%00.jpg", "jpg"),
                                          ("a.j/pg", "bin"), ("a.verylongext", "bin")])
def test_generated_names_keep_only_a_short_plain_extension(filename, ext):
    name = uploads.generated_name(filename)
    assert name.endswith(f".{ext}") and len(name) == 33 + len(ext)


def _image(fmt: str, **save) -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(buf, format=fmt, **save)
    return buf.getvalue()


@pytest.mark.parametrize("fmt,kind", [("JPEG", uploads.JPEG), ("PNG", uploads.PNG), ("GIF", uploads.GIF),
                                      ("WEBP", uploads.WEBP)])
def test_an_image_is_re_encoded_so_nothing_rides_after_its_data(fmt, kind):
    import io

    from PIL import Image

    payload = b"PK\x03\x04<?php system($_GET['c']); ?>"
    upload = SimpleUploadedFile("p.img", _image(fmt) + payload)
    assert uploads.upload_check(upload, accept=uploads.PHOTO, max_bytes=1024 * 1024) is kind
    clean = uploads.image_reencoded(upload, kind)
    assert b"<?php" not in clean and b"PK\x03\x04" not in clean
    with Image.open(io.BytesIO(clean)) as img:
        assert img.format == fmt and img.size == (8, 6)


def test_a_jpeg_loses_its_exif_and_is_turned_upright():
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show
    exif[0x010F] = "GPS-CAMERA-MAKER"
    upload = SimpleUploadedFile("p.jpg", _image("JPEG", exif=exif.tobytes()))
    clean = uploads.image_reencoded(upload, uploads.JPEG)
    assert b"GPS-CAMERA-MAKER" not in clean
    with Image.open(io.BytesIO(clean)) as img:
        assert img.size == (6, 8) and not img.getexif()


def test_a_file_with_an_image_signature_that_does_not_decode_is_refused():
    upload = SimpleUploadedFile("p.png", PNG)  # the signature and then nothing an image has
    kind = uploads.upload_check(upload, accept=uploads.PHOTO, max_bytes=1024)
    with pytest.raises(RuleViolation) as err:
        uploads.image_reencoded(upload, kind)
    assert err.value.code == "image_unreadable"


def test_a_pdf_is_stored_as_sent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = b"%PDF-1.4\n%%EOF\n"
    name = uploads.upload_store(FileSlot(), SimpleUploadedFile("r.pdf", pdf), uploads.PDF)
    assert (tmp_path / name).read_bytes() == pdf


@pytest.mark.django_db
def test_a_stored_upload_is_served_back_and_a_missing_one_is_a_404(cast, tmp_path, settings):
    from django.http import Http404

    from unionhome.suggestions.models import SuggestionPhoto

    settings.MEDIA_ROOT = str(tmp_path)
    photo = SuggestionPhoto(content_type="image/jpeg")
    with pytest.raises(Http404):  # no file at all
        uploads.stored_file_response(photo.file, content_type=photo.content_type)
    photo.file.save("kept.jpg", SimpleUploadedFile("kept.jpg", JPEG), save=False)
    served = uploads.stored_file_response(photo.file, content_type="image/jpeg", filename="证据.jpg")
    assert served["Content-Type"] == "image/jpeg" and b"".join(served.streaming_content) == JPEG
    assert "inline" in served["Content-Disposition"]
    served.close()
    photo.file.storage.delete(photo.file.name)  # gone from storage since
    with pytest.raises(Http404):
        uploads.stored_file_response(photo.file, content_type="image/jpeg")
