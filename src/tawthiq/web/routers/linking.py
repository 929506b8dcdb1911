"""An analyst's linking decision from the incident page's "unlinked but similar" list:
keep two incidents apart (merging uses the incident page's merge)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tawthiq.review.linking import keep_apart
from tawthiq.review.users import CurrentUser
from tawthiq.web.security import db_session, page_analyst

router = APIRouter(include_in_schema=False)


@router.post("/incidents/{incident_id}/keep-apart")
def incident_keep_apart(incident_id: int, other: int = Form(...),
                        user: CurrentUser = Depends(page_analyst),
                        session: Session = Depends(db_session, scope="function")):
    keep_apart(session, user.username, incident_id, other)
    return RedirectResponse(f"/incidents/{incident_id}#similar", status_code=303)
