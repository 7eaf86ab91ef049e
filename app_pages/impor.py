"""Impor data: upload a file, preview what would be imported and rejected, commit explicitly; restore a version.

The work is in data.importer (read, map, validate, commit) and data.storage (versions); this page only connects
widgets to it. User text (file names, headers, cell values) is escaped before anything renders it as markdown.
"""

import hashlib

import streamlit as st

import settings
from data import importer, loading, storage
from data.contract import column_labels
from data.formatting import angka, tanggal
from ui import cached, columns, import_login, style, tables, widgets
from ui.app_settings import app_settings
from ui.markdown import escape_markdown as esc

KINDS = {"innovations": "Inovasi", "awards": "Penghargaan"}
DUPLICATES = {"skip": "Lewati (pertahankan baris lama)", "update": "Perbarui (ganti baris lama)"}
LABELS = column_labels()
# The prepared plan; the message after a commit/restore; a counter in the uploader's key (a new key empties the
# uploader after a commit, so the saved file is not previewed again as "all duplicates").
PLAN_KEY, DONE_KEY, UPLOAD_KEY = "impor_rencana", "impor_selesai", "impor_unggahan"


# 1. Who may import: refused (and stopped) unless someone authenticated; a bad size limit is refused too -------
st.title("Impor data")
config = app_settings()
user = import_login.import_user(importer.ImportAccess.from_settings(config))
try:
    limit_bytes = importer.max_import_bytes(config)
except importer.ImportFileError as exc:
    st.error(esc(exc.message), icon=":material/error:")
    st.stop()

data_dir = loading.data_dir()
writable = importer.is_writable(data_dir)
st.caption(f"Direktori data «{esc(data_dir.name)}» · batas ukuran berkas "
           f"{limit_bytes / 1024 / 1024:.0f} MB · format CSV, XLSX, Parquet")
if not writable:
    st.warning(f"Data yang dimuat adalah data demo bawaan; impor tidak menulis ke sana. Salin data ke direktori "
               f"lain dan arahkan `{settings.env_name('data_dir')}` ke sana (docs/IMPORT.md).",
               icon=":material/warning:")
if message := st.session_state.pop(DONE_KEY, None):
    st.success(message, icon=":material/check_circle:")

# 2. File and choices -------------------------------------------------------------------------------------------
left, right = st.columns(2)
kind = left.radio("Tabel tujuan", options=list(KINDS), format_func=KINDS.get, horizontal=True, key="impor_tabel")
on_duplicate = right.radio("ID yang sudah ada di data", options=list(DUPLICATES), format_func=DUPLICATES.get,
                           horizontal=True, key="impor_ganda")
limit_mb = max(1, int(limit_bytes / 1024 / 1024))
st.html(f"<style>{style.upload_box_css(limit_mb, 'CSV, XLSX atau Parquet')}</style>")
upload = st.file_uploader("Berkas (CSV, XLSX atau Parquet)", type=["csv", "txt", "tsv", "xlsx", "xlsm", "parquet"],
                          max_upload_size=limit_mb, key=f"impor_berkas_{st.session_state.get(UPLOAD_KEY, 0)}",
                          help="Kolom dikenali dari nama kontrak data atau judul kolom yang biasa dipakai "
                               "(kode_wilayah, nama_daerah/pemda, nama_inovasi, tahun, tahapan, …)")
if upload is None:
    st.session_state.pop(PLAN_KEY, None)
    st.info("Unggah berkas untuk melihat pratinjau. Tidak ada yang disimpan sebelum Anda menekan **Simpan**.",
            icon=":material/upload_file:")
else:
    # 3. Preview: prepared once per file, table, duplicate choice and state of the data ----------------------
    data = upload.getvalue()
    plan_key = (hashlib.sha256(data).hexdigest(), upload.name, kind, on_duplicate, cached.fingerprint())
    stored = st.session_state.get(PLAN_KEY)
    if stored is None or stored[0] != plan_key:
        with st.spinner("Membaca dan memeriksa berkas…"):
            try:
                importer.check_size(len(data), upload.name, limit_bytes)
                plan = importer.prepare_import(data, upload.name, kind, data_dir=data_dir,
                                               on_duplicate=on_duplicate)
            except importer.ImportFileError as exc:
                plan = importer.ImportPlan.failed(kind, upload.name, exc.message, on_duplicate)
        st.session_state[PLAN_KEY] = (plan_key, plan)
    plan = st.session_state[PLAN_KEY][1]

    if plan.fatal:
        st.error(f"**Berkas tidak dapat diimpor.** {esc(plan.fatal)}", icon=":material/error:")
    cards = widgets.kpi_cards("impor", 4)
    cards.metric("Dibaca", angka(plan.rows_read), border=True)
    cards.metric("Dapat diimpor", angka(plan.rows_imported), border=True)
    cards.metric("Ditolak", angka(plan.rows_rejected), border=True)
    cards.metric("ID sudah ada", angka(len(plan.duplicate_ids)), border=True,
                 help="Diperbarui atau dilewati sesuai pilihan di atas")
    st.caption(esc(plan.summary_text()) + ".")
    for note in plan.notes:
        st.caption(":material/info: " + esc(note))

    if plan.rows_imported:
        st.markdown(f"**Pratinjau baris yang akan diimpor** (maks. 200 dari {angka(plan.rows_imported)})")
        preview = plan.preview(200)
        tables.show(preview, key="impor_pratinjau",
                    column_config={**{name: st.column_config.Column(label) for name, label in LABELS.items()},
                                   "baris": columns.text("Baris", width="small"),
                                   "ditulis": columns.text("Pemda di berkas", fit=preview["ditulis"]),
                                   "dikenali": columns.text("Pemda dikenali (kode)",
                                                            fit=preview["dikenali"])})
    if plan.rows_rejected:
        st.markdown(f"**Baris ditolak** ({angka(plan.rows_rejected)}) — nomor baris seperti di berkas Anda")
        rejects = plan.rejects
        tables.show(rejects, key="impor_ditolak",
                    row_height=columns.prose_row_height(rejects["masalah"], rejects["perbaikan"]),
                    column_config=columns.findings(rejects["kolom"], row="baris", column="kolom", problem="masalah",
                                                   fix="perbaikan"))
        st.download_button("Unduh baris ditolak (CSV)", data=plan.rejects_csv,
                           file_name=importer.rejects_file_name(plan),
                           mime="text/csv", icon=":material/download:", on_click="ignore", key="impor_unduh_tolak")
    warnings = plan.issues[plan.issues["severity"] == "warning"] if len(plan.issues) else plan.issues
    if len(warnings):
        with st.expander(f"{angka(len(warnings))} peringatan (baris tetap diimpor)"):
            tables.show_issues(warnings)

    # 4. Explicit commit ------------------------------------------------------------------------------------
    if plan.duplicate_ids:
        st.info(f"{angka(len(plan.duplicate_ids))} ID sudah ada di data dan akan "
                + ("**diperbarui**." if on_duplicate == "update" else "**dilewati** (baris lama tetap).")
                + " Ubah pilihan di atas bila perlu.", icon=":material/content_copy:")
    if st.button(f"Simpan {angka(plan.rows_imported)} baris ke data", type="primary", icon=":material/save:",
                 disabled=not (plan.usable and writable), key="impor_simpan"):
        try:
            result = importer.commit_import(plan, data_dir, by=user)  # writes the rejects file too, before the table
        except (importer.ImportFileError, storage.StorageError) as exc:
            st.error(f"**Tidak tersimpan; data tidak berubah.** {esc(exc.message)}", icon=":material/error:")
        except OSError as exc:
            st.error(f"**Tidak tersimpan.** {esc(storage.write_failure(exc, data_dir))}", icon=":material/error:")
        else:
            cached.clear()  # every session sees the new data on its next rerun (fingerprint changed too)
            st.session_state.pop(PLAN_KEY, None)
            st.session_state[UPLOAD_KEY] = st.session_state.get(UPLOAD_KEY, 0) + 1
            st.session_state[DONE_KEY] = (
                f"Tersimpan: {angka(result.rows_added)} baris baru, {angka(result.rows_updated)} diperbarui"
                + (f", {angka(result.rows_skipped)} dilewati" if result.rows_skipped else "")
                + f"; kini {angka(result.rows_total)} baris. Versi sebelumnya disimpan"
                + (f" ({result.version.name})." if result.version else ".") + f" Oleh {esc(user)}.")
            st.rerun()

# 5. Kept versions and restore ----------------------------------------------------------------------------------
st.divider()
st.subheader("Versi sebelumnya")
versions = storage.list_versions(data_dir)
if not versions:
    st.caption("Belum ada versi tersimpan: setiap impor menyimpan keadaan sebelumnya di sini.")
else:
    st.dataframe([{"Versi": v.name, "Disimpan": tanggal(v.created_at, with_time=True),
                   "Berkas": ", ".join(v.files), "Diganti oleh": v.reason} for v in versions],
                 hide_index=True, key="impor_versi")
    chosen = st.selectbox("Versi yang dipulihkan", options=[v.name for v in versions], key="impor_pilih_versi")
    sure = st.checkbox("Saya mengerti: data saat ini diganti dengan versi ini (keadaan sekarang disimpan sebagai "
                       "versi baru, jadi pemulihan dapat dibatalkan).", key="impor_yakin")
    if st.button("Pulihkan versi ini", icon=":material/restore:", disabled=not (sure and writable),
                 key="impor_pulihkan"):
        try:
            restored = storage.restore_version(data_dir, chosen, by=user)
        except storage.StorageError as exc:
            st.error(esc(exc.message), icon=":material/error:")
        except OSError as exc:
            st.error(f"**Tidak dipulihkan.** {esc(storage.write_failure(exc, data_dir))}", icon=":material/error:")
        else:
            cached.clear()
            st.session_state.pop(PLAN_KEY, None)
            st.session_state[DONE_KEY] = (f"Dipulihkan: versi {restored.name} ({', '.join(restored.files)}) "
                                          f"oleh {esc(user)}.")
            st.rerun()

st.caption(widgets.data_source_note(widgets.load_or_error_page()))
