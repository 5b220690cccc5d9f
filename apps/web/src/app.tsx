import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ReactNode, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { createQueryClient } from './api/query-client';
import { AccountPage } from './features/account/account-page';
import { AnnouncementsPage } from './features/admin/announcements-page';
import { AuditPage } from './features/admin/audit-page';
import { InstitutionRequestsPage } from './features/admin/institution-requests-page';
import { JobsPage } from './features/admin/jobs-page';
import { UsersPage } from './features/admin/users-page';
import { ForgotPasswordPage } from './features/auth/forgot-password-page';
import { LoginPage } from './features/auth/login-page';
import { RequireAuth } from './features/auth/require-auth';
import { ResetPasswordPage } from './features/auth/reset-password-page';
import { SignupPage } from './features/auth/signup-page';
import { VerifyEmailPage } from './features/auth/verify-email-page';
import { CallPage } from './features/calls/call-page';
import { EditCallPage } from './features/calls/edit-call-page';
import { ManageCallsPage } from './features/calls/manage-calls-page';
import { NewCallPage } from './features/calls/new-call-page';
import { NewProgrammePage } from './features/calls/new-programme-page';
import { PublicCallsPage } from './features/calls/public-calls-page';
import { HomePage } from './features/home/home-page';
import { NotificationsPage } from './features/notifications/notifications-page';
import { PreferencesPage } from './features/notifications/preferences-page';
import { UnsubscribePage } from './features/notifications/unsubscribe-page';
import { InvitationPage } from './features/proposals/invitation-page';
import { ManageProposalsPage } from './features/proposals/manage/manage-proposals-page';
import { MyProposalsPage } from './features/proposals/my-proposals-page';
import { StartProposalPage } from './features/proposals/start-proposal-page';
import { ProposalPage } from './features/proposals/workspace/proposal-page';
import { i18n } from './i18n';
import { ForbiddenPage } from './shell/forbidden-page';
import { NotFoundPage } from './shell/not-found-page';
import { Shell } from './shell/shell';

/*
 * The review phase is loaded when first opened (its own chunk): most visitors never need it, and it keeps the main
 * bundle under the size budget. The shell shows the loading state meanwhile.
 */
const ManageReviewPage = lazy(() =>
  import('./features/reviews/manage/manage-review-page').then((m) => ({ default: m.ManageReviewPage })),
);
const ManagerPanelPage = lazy(() =>
  import('./features/reviews/manage/manager-panel-page').then((m) => ({ default: m.ManagerPanelPage })),
);
const OutcomePage = lazy(() =>
  import('./features/reviews/outcome/outcome-page').then((m) => ({ default: m.OutcomePage })),
);
const MyReviewsPage = lazy(() =>
  import('./features/reviews/reviewer/my-reviews-page').then((m) => ({ default: m.MyReviewsPage })),
);
const PoolInvitationPage = lazy(() =>
  import('./features/reviews/reviewer/pool-invitation-page').then((m) => ({ default: m.PoolInvitationPage })),
);
const ReviewInvitationPage = lazy(() =>
  import('./features/reviews/reviewer/review-invitation-page').then((m) => ({ default: m.ReviewInvitationPage })),
);
const ReviewPage = lazy(() =>
  import('./features/reviews/reviewer/review-page').then((m) => ({ default: m.ReviewPage })),
);
const ReviewerProfilePage = lazy(() =>
  import('./features/reviews/reviewer/reviewer-profile-page').then((m) => ({ default: m.ReviewerProfilePage })),
);
const PortfolioPage = lazy(() =>
  import('./features/grants/portfolio/portfolio-page').then((m) => ({ default: m.PortfolioPage })),
);

/* Grants, in their own chunk too. */
const GrantsPage = lazy(() => import('./features/grants/grants-page').then((m) => ({ default: m.GrantsPage })));
const GrantPage = lazy(() => import('./features/grants/grant-page').then((m) => ({ default: m.GrantPage })));
const AwardPage = lazy(() => import('./features/grants/award-page').then((m) => ({ default: m.AwardPage })));
const GrantReportPage = lazy(() =>
  import('./features/grants/reports/report-page').then((m) => ({ default: m.GrantReportPage })),
);

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route path="login" element={<LoginPage />} />
        <Route path="signup" element={<SignupPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="forbidden" element={<ForbiddenPage />} />
        <Route path="unsubscribe" element={<UnsubscribePage />} />
        <Route path="calls" element={<PublicCallsPage />} />
        <Route path="calls/:id" element={<CallPage />} />
        <Route path="invitations" element={<InvitationPage />} />
        <Route path="review-pool" element={<PoolInvitationPage />} />
        <Route path="review-invitations" element={<ReviewInvitationPage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<HomePage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="account/notifications" element={<PreferencesPage />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="proposals" element={<MyProposalsPage />} />
          <Route path="proposals/:id" element={<ProposalPage />} />
          <Route path="proposals/:id/outcome" element={<OutcomePage />} />
          <Route path="proposals/:id/:tab" element={<ProposalPage />} />
          <Route path="reviews" element={<MyReviewsPage />} />
          <Route path="reviews/:assignmentId" element={<ReviewPage />} />
          <Route path="reviewer/profile" element={<ReviewerProfilePage />} />
          <Route path="grants" element={<GrantsPage />} />
          <Route path="grants/:id" element={<GrantPage />} />
          <Route path="grants/:id/:tab" element={<GrantPage />} />
          <Route path="grants/:id/reports/:reportId" element={<GrantReportPage />} />
          <Route element={<RequireAuth roles={['RESEARCHER']} />}>
            <Route path="proposals/new" element={<StartProposalPage />} />
          </Route>
          <Route element={<RequireAuth roles={['PROGRAMME_MANAGER']} />}>
            <Route path="manage" element={<Navigate to="/manage/calls" replace />} />
            <Route path="manage/calls" element={<ManageCallsPage />} />
            <Route path="manage/calls/new" element={<NewCallPage />} />
            <Route path="manage/calls/:id/edit" element={<EditCallPage />} />
            <Route path="manage/calls/:id/proposals" element={<ManageProposalsPage />} />
            <Route path="manage/calls/:callId/review" element={<ManageReviewPage />} />
            <Route path="manage/calls/:callId/review/:tab" element={<ManageReviewPage />} />
            <Route path="manage/calls/:callId/review/panels/:proposalId" element={<ManagerPanelPage />} />
            <Route path="manage/grants/portfolio" element={<PortfolioPage />} />
            <Route path="manage/programmes/new" element={<NewProgrammePage />} />
            <Route path="manage/proposals/:id/award" element={<AwardPage />} />
          </Route>
          <Route element={<RequireAuth roles={['ADMIN']} />}>
            <Route path="admin" element={<Navigate to="/admin/users" replace />} />
            <Route path="admin/users" element={<UsersPage />} />
            <Route path="admin/audit" element={<AuditPage />} />
            <Route path="admin/announcements" element={<AnnouncementsPage />} />
            <Route path="admin/jobs" element={<JobsPage />} />
            <Route path="admin/institutions" element={<InstitutionRequestsPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Everything a page needs around it; tests pass their own client and router. */
export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </I18nextProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <AppProviders queryClient={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  );
}
