"""Open a union's 台账 bundle as the chair gets it, and a sheet of a workbook inside it (the parts' tests)."""
import io
import zipfile

from python_calamine import CalamineWorkbook

from unionhome.records import services


def bundle_open(cast, *, year: int, reveal: bool = False) -> zipfile.ZipFile:
    b = services.bundle_request(actor=cast.users["chair"], union=cast.union, year=year, reveal=reveal,
                                may_reveal=reveal, run_now=True)
    return zipfile.ZipFile(io.BytesIO(services.bundle_download(actor=cast.users["chair"], bundle=b).read()))


def sheet_rows(zf: zipfile.ZipFile, path: str, name: str) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(zf.read(path))).get_sheet_by_name(name).to_python()
