-- A steward's login e-mail was stored as the service's HSDS assurer_email when they verified it, and so
-- published by the HSDS API. From now on verification stores the directory team's role address
-- (SAMEN_DIRECTORY_EMAIL) or nothing; this removes the login e-mails already stored. Who verified stays in
-- assured_by_user_id and in the change history (metadata), which are not public.
update service
set assurer_email = null
where assurer_email is not null
  and lower(assurer_email) in (select lower(email) from app_user);
