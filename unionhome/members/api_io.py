from ninja import Router

# Roster import/export API (mounted at /api/v1/roster).
router = Router(tags=["花名册导入导出"])
