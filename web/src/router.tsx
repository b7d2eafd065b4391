import { createBrowserRouter } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { RequireSession } from './layout/RequireSession';
import { SignInPage } from './pages/auth/SignInPage';
import { CampaignDetailPage } from './pages/campaigns/CampaignDetailPage';
import { CampaignListPage } from './pages/campaigns/CampaignListPage';
import { NewCampaignPage } from './pages/campaigns/NewCampaignPage';
import { ContactsPage } from './pages/contacts/ContactsPage';
import { DashboardPage } from './pages/DashboardPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SandboxPhonePage } from './pages/sandbox/SandboxPhonePage';
import { SandboxPhonesPage } from './pages/sandbox/SandboxPhonesPage';

/** Every page; all but sign-in need a session. */
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'campaigns', element: <CampaignListPage /> },
          { path: 'campaigns/new', element: <NewCampaignPage /> },
          { path: 'campaigns/:id', element: <CampaignDetailPage /> },
          { path: 'contacts', element: <ContactsPage /> },
          { path: 'sandbox', element: <SandboxPhonesPage /> },
          { path: 'sandbox/:phone', element: <SandboxPhonePage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
